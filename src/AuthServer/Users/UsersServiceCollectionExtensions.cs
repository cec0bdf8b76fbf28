namespace AuthServer.Users;

public static class UsersServiceCollectionExtensions
{
    /// <summary>
    /// Registers password hashing (its bounded pool) and policy, registration and its limit, login and its throttle,
    /// password change, and the administration of users (roles, disabling, the user list) with <c>Auth:AdminRole</c>
    /// validated on start.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PasswordOptions>()
            .BindConfiguration(PasswordOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MinLength <= o.MaxLength, "Auth:Password:MinLength must not exceed Auth:Password:MaxLength.")
            .ValidateOnStart();
        builder.Services.AddOptions<LoginThrottleOptions>()
            .BindConfiguration(LoginThrottleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RegistrationRateLimitOptions>()
            .BindConfiguration(RegistrationRateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<RegistrationOptions>()
            .BindConfiguration(RegistrationOptions.SectionName)
            .Validate(_ => UsernamePolicy.NormalizationWorks(), UsernamePolicy.NormalizationUnavailable)
            .ValidateOnStart();
        builder.Services.AddOptions<RoleOptions>()
            .BindConfiguration(RoleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<IPasswordHasher, BcryptPasswordHasher>();
        builder.Services.AddSingleton<PasswordHashingPool>();
        builder.Services.AddSingleton<HashingThreads>();
        builder.Services.AddSingleton<RegistrationLimit>();
        builder.Services.AddSingleton<PasswordPolicy>();
        builder.Services.AddSingleton<LoginThrottle>();
        // Its own counts: failed logins for a username must not lock its owner out of changing the password.
        builder.Services.AddKeyedSingleton<LoginThrottle>(LoginThrottle.PasswordChangeKey);
        builder.Services.AddScoped<UserRegistration>();
        builder.Services.AddScoped<UserAuthenticator>();
        builder.Services.AddScoped<PasswordChange>();
        builder.Services.AddScoped<LoginService>();
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddHostedService<StoredUsernameNormalizer>();
        return builder;
    }
}
