namespace AuthServer.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Registers the meter <c>AuthServer</c>: the security counters and the live-sessions gauge.</summary>
    public static WebApplicationBuilder AddAuthServerTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<AuthMetrics>();
        builder.Services.AddSingleton<LiveSessionsGauge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveSessionsGauge>());
        return builder;
    }
}
