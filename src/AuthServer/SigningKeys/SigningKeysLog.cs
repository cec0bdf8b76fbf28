namespace AuthServer.SigningKeys;

/// <summary>Events of the signing keys; ids in 2001–2099 as <c>SessionsLog</c> explains. Never key material in them.</summary>
internal static partial class SigningKeysLog
{
    [LoggerMessage(2001, LogLevel.Information, "Signing with {Algorithm} key {KeyId}.")]
    public static partial void SigningKeysLoaded(this ILogger logger, string algorithm, string? keyId);

    [LoggerMessage(2003, LogLevel.Information, "Created {Algorithm} signing key {KeyId}.")]
    public static partial void SigningKeyCreated(this ILogger logger, string algorithm, string keyId);

    [LoggerMessage(2020, LogLevel.Information, "Announced {Algorithm} signing key {KeyId}; it signs from {ActivatesAtUtc:O}.")]
    public static partial void SigningKeyAnnounced(this ILogger logger, string algorithm, string keyId, DateTime activatesAtUtc);

    [LoggerMessage(2021, LogLevel.Information, "Retired signing key {KeyId}: every token it signed has expired.")]
    public static partial void SigningKeyRetired(this ILogger logger, string keyId);

    [LoggerMessage(2022, LogLevel.Error, "Signing-key maintenance failed; the keys loaded before stay in use until the next pass.")]
    public static partial void SigningKeyMaintenanceFailed(this ILogger logger, Exception exception);
}
