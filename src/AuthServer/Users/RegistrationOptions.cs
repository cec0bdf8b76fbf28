namespace AuthServer.Users;

/// <summary>Bound from <c>Auth</c>.</summary>
public sealed class RegistrationOptions
{
    public const string SectionName = "Auth";

    /// <summary>Whether <c>POST /register</c> is open; when false it answers 404. Default true.</summary>
    public bool AllowRegistration { get; init; } = true;
}
