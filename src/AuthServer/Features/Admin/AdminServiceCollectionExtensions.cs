using Microsoft.AspNetCore.Authorization;

namespace AuthServer.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>Registers the policy of the admin endpoints: <see cref="AdministratorRequirement"/>.</summary>
    public static WebApplicationBuilder AddAuthServerAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAuthorizationHandler, AdministratorRequirementHandler>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(
            AdministratorRequirement.PolicyName,
            policy => policy.RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement()));
        return builder;
    }
}
