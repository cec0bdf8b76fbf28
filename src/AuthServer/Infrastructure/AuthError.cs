namespace AuthServer.Infrastructure;

/// <summary>The error body of every auth endpoint: <c>{"error", "error_description"}</c> (RFC 6749 §5.2).</summary>
public sealed record AuthError(string Error, string ErrorDescription);
