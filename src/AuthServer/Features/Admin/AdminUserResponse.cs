using AuthServer.Users;

namespace AuthServer.Features.Admin;

/// <summary>One user as <c>GET /admin/users</c> lists them.</summary>
public sealed record AdminUserResponse(Guid Id, string Username, IReadOnlyList<string> Roles, bool Disabled, DateTime CreatedAt, int LiveSessions)
{
    public static AdminUserResponse From(UserSummary user) =>
        new(user.Id, user.Username, user.Roles, user.Disabled, user.CreatedAtUtc, user.LiveSessions);
}
