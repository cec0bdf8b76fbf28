namespace AuthServer.Data;

internal static partial class DataLog
{
    [LoggerMessage(1001, LogLevel.Information, "Database {DataSource} is migrated and ready.")]
    public static partial void DatabaseReady(this ILogger logger, string dataSource);

    [LoggerMessage(1002, LogLevel.Warning,
        "The Data Protection key ring is stored unencrypted: whoever reads the data volume or a backup can forge access tokens. Set Auth:KeyEncryption:Key or Auth:KeyEncryption:CertificatePath (docs/operations.md).")]
    public static partial void KeyRingUnencrypted(this ILogger logger);

    [LoggerMessage(1003, LogLevel.Warning, "A request failed because the database was briefly unavailable; answered 503.")]
    public static partial void DatabaseUnavailable(this ILogger logger, Exception exception);
}
