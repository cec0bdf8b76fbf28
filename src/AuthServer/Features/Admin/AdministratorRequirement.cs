using Microsoft.AspNetCore.Authorization;

namespace AuthServer.Features.Admin;

/// <summary>
/// The caller holds <c>Auth:AdminRole</c>: in the access token's <c>roles</c>, and still now in the database, so that a
/// removed admin role stops admin calls at once rather than at the session's next refresh
/// (<see cref="AdministratorRequirementHandler"/>).
/// </summary>
public sealed class AdministratorRequirement : IAuthorizationRequirement
{
    /// <summary>The policy of the admin endpoints: an access token, and this requirement.</summary>
    public const string PolicyName = "Administrator";
}
