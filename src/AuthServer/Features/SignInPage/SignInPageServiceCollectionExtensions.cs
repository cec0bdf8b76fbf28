namespace AuthServer.Features.SignInPage;

public static class SignInPageServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SignInPageOptions"/>: whether the sign-in page is served.</summary>
    public static WebApplicationBuilder AddAuthServerSignInPage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInPageOptions>().BindConfiguration(SignInPageOptions.SectionName);
        return builder;
    }
}
