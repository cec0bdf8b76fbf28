using System.Security.Claims;
using AuthServer.ResourceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A team's API, in process, that accepts an <see cref="AuthServerFactory"/>'s tokens through the AuthServer.ResourceServer
/// package, on the same test clock, reaching the server through a backchannel handler (the server's own by default).
/// </summary>
public sealed class InProcessApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessApi(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessApi> StartAsync(AuthServerFactory server, Action<AuthServerJwtBearerOptions>? configure = null, HttpMessageHandler? backchannel = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(server.Clock);
        builder.Services.AddAuthentication().AddAuthServerJwtBearer(o =>
        {
            o.Authority = server.Setting("Auth:Issuer");
            o.Audience = server.Setting("Auth:Audience");
            o.BackchannelHttpHandler = backchannel ?? server.Server.CreateHandler();
            configure?.Invoke(o);
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", (ClaimsPrincipal user) => user.Identity?.Name).RequireAuthorization();
        app.MapGet("/editors", (ClaimsPrincipal user) => user.Identity?.Name).RequireAuthorization(p => p.RequireRole("editor"));
        await app.StartAsync();
        return new InProcessApi(app);
    }

    /// <summary>Runs a pass of the package's background refresh now, instead of waiting for its timer.</summary>
    public Task RefreshStatusListsAsync() =>
        _app.Services.GetServices<IHostedService>().OfType<StatusListRefresher>().Single().RefreshAsync(CancellationToken.None);

    public Task<HttpResponseMessage> GetOrdersAsync(string accessToken) => Client.SendWithTokenAsync(HttpMethod.Get, "/orders", accessToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
