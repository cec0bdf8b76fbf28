namespace AuthServer.Data;

internal static partial class DataLog
{
    [LoggerMessage(1001, LogLevel.Information, "Database {DataSource} is migrated and ready.")]
    public static partial void DatabaseReady(this ILogger logger, string dataSource);
}
