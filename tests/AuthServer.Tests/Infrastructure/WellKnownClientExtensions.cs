using System.Net;
using System.Text.Json;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Reads the server's published keys as any JWKS client would.</summary>
public static class WellKnownClientExtensions
{
    /// <summary>The <c>kid</c>s of <c>GET /.well-known/jwks.json</c>, in the order published.</summary>
    public static async Task<string[]> GetJwksKidsAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
