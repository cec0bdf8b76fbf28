namespace AuthServer.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(4001, LogLevel.Warning, "Counting live sessions failed; the gauge keeps its last value.")]
    public static partial void LiveSessionCountFailed(this ILogger logger, Exception exception);
}
