using System.Net;
using System.Net.Sockets;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>
/// What <see cref="JwtAttackTests"/> attacks: one server on Kestrel with a logged-in user, and a listener on loopback
/// standing for the attacker's key host, which counts every connection made to it.
/// </summary>
public sealed class JwtAttackTarget : IAsyncLifetime, IDisposable
{
    private readonly TcpListener _keyHost = new(IPAddress.Loopback, 0);
    private int _keyHostConnections;

    public LoopbackAuthServer Server { get; private set; } = null!;

    public TestTokens Tokens { get; private set; } = null!;

    public int KeyHostPort => ((IPEndPoint)_keyHost.LocalEndpoint).Port;

    public int KeyHostConnections => Volatile.Read(ref _keyHostConnections);

    public async Task InitializeAsync()
    {
        Server = LoopbackAuthServer.Start();
        Tokens = await Server.Client.LoginAsync();
        _keyHost.Start();
        _ = CountConnectionsAsync();
    }

    public async Task DisposeAsync()
    {
        _keyHost.Stop();
        await Server.DisposeAsync();
    }

    public void Dispose() => _keyHost.Dispose();

    private async Task CountConnectionsAsync()
    {
        try
        {
            while (true)
            {
                using var connection = await _keyHost.AcceptTcpClientAsync();
                Interlocked.Increment(ref _keyHostConnections);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }
}
