using System.Net;
using System.Net.Sockets;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel at <c>http://127.0.0.1:{port}</c> with that address as its issuer, as a resource
/// server elsewhere sees it: discovery, JWKS and tokens all name the URL the resource server uses as Authority.
/// </summary>
public sealed class LoopbackAuthServer : IAsyncDisposable
{
    private LoopbackAuthServer(AuthServerFactory factory, Uri address)
    {
        Factory = factory;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public AuthServerFactory Factory { get; }

    /// <summary>The issuer and base address, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash in the issuer).</summary>
    public Uri Address { get; }

    public string Issuer => Address.GetLeftPart(UriPartial.Authority);

    public HttpClient Client { get; }

    public static LoopbackAuthServer Start(IDictionary<string, string?>? settings = null, TestTimeProvider? clock = null)
    {
        // The issuer must be known before the server starts, so pick a free port first rather than let Kestrel choose.
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Auth:Issuer"] = address.GetLeftPart(UriPartial.Authority),
        };
        var factory = new AuthServerFactory(all, clock: clock);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new LoopbackAuthServer(factory, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
