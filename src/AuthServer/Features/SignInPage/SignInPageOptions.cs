namespace AuthServer.Features.SignInPage;

/// <summary>Bound from <c>Auth</c>.</summary>
public sealed class SignInPageOptions
{
    public const string SectionName = "Auth";

    /// <summary>Whether the sign-in page is served at <c>/</c>. <c>/auth-client.js</c> is served either way. Default true.</summary>
    public bool EnableSignInPage { get; init; } = true;
}
