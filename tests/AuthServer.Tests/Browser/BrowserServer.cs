using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthServer.Tests.Browser;

/// <summary>The real server on Kestrel at 127.0.0.1 with the test clock, and a headless Debian Chromium driven by Playwright.</summary>
public sealed class BrowserServer : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AuthServerFactory Server { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException($"Chromium is not installed at {BrowserFactAttribute.ChromiumPath}.");

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The same server under another name: another origin and another site for the browser.</summary>
    public Uri OtherOrigin => new UriBuilder(Address) { Host = "localhost" }.Uri;

    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        Server.UseKestrel(options => options.ListenAnyIP(0));
        Server.StartServer();
        var port = new Uri(Server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        Address = new Uri($"http://127.0.0.1:{port}");

        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
