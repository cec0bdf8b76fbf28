using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Somebody else's API: a separate minimal API on Kestrel that knows AuthServer only as its JwtBearer
/// <c>Authority</c>, configured exactly as the README tells, and reads the real clock like any API.
/// </summary>
public sealed class StockResourceServer : IAsyncDisposable
{
    public const string Path = "/orders";

    /// <summary>An endpoint for the role <c>editor</c>, guarded with nothing but <c>RequireRole</c>.</summary>
    public const string EditorPath = "/orders/editor";

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private StockResourceServer(WebApplication app)
    {
        _app = app;
        _client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public static async Task<StockResourceServer> StartAsync(string authority, string audience)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.Audience = audience;
                options.RequireHttpsMetadata = false; // only because the test servers speak plain HTTP on loopback
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.MapGet(Path, (ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)).RequireAuthorization();
        app.MapGet(EditorPath, () => "editing").RequireAuthorization(policy => policy.RequireRole("editor"));
        await app.StartAsync();
        return new StockResourceServer(app);
    }

    /// <summary>Calls the protected endpoint (or <paramref name="path"/>) with <paramref name="accessToken"/> as a bearer token.</summary>
    public Task<HttpResponseMessage> GetAsync(string accessToken, string path = Path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return _client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
