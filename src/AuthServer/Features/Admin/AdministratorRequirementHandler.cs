using AuthServer.Data;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.Admin;

/// <summary>Checks <see cref="AdministratorRequirement"/>: the token's roles first, then one indexed look-up.</summary>
internal sealed class AdministratorRequirementHandler(AuthDbContext db, IOptions<RoleOptions> roles) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        var adminRole = roles.Value.AdminRole;
        var cancellationToken = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        if (context.User.IsInRole(adminRole) && context.User.UserId() is { } userId
            && await db.UserRoles.AnyAsync(r => r.UserId == userId && r.Name == adminRole, cancellationToken))
        {
            context.Succeed(requirement);
            return;
        }

        context.Fail(new AuthorizationFailureReason(this, $"This needs the role {adminRole}."));
    }
}
