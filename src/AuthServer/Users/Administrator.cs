using System.Security.Claims;
using AuthServer.Tokens;

namespace AuthServer.Users;

/// <summary>Who performs an administrative action, for the audit trail: an administrator's user id, or the command line.</summary>
public sealed record Administrator(Guid? UserId)
{
    /// <summary>An operator running <c>AuthServer users …</c> against the database.</summary>
    public static readonly Administrator CommandLine = new((Guid?)null);

    /// <summary>The administrator whose access token <paramref name="principal"/> carries.</summary>
    public static Administrator From(ClaimsPrincipal principal) => new(principal.UserId());

    /// <summary>The id, or <c>command-line</c>: what audit events name.</summary>
    public override string ToString() => UserId?.ToString() ?? "command-line";
}
