using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Infrastructure;

/// <summary>An <see cref="AuthServerFactory"/> that also keeps what the server logs, at the levels its settings enable, in <see cref="Logs"/>.</summary>
public sealed class LoggedAuthServerFactory(IDictionary<string, string?> settings) : AuthServerFactory(settings)
{
    public LogRecorder Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
