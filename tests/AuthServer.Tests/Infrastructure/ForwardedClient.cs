using System.Net.Http.Json;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Requests from many clients through one trusted proxy: a <see cref="LoopbackAuthServer"/> started with
/// <c>ForwardedHeaders:KnownProxies</c> = 127.0.0.1 believes the <c>X-Forwarded-For</c> these send.
/// </summary>
public static class ForwardedClient
{
    public static readonly Dictionary<string, string?> TrustLoopbackProxy = new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" };

    public static Task<HttpResponseMessage> PostAsJsonFromAsync(this HttpClient client, string clientIp, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", clientIp);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostLoginFromAsync(this HttpClient client, string clientIp, TestUser user) =>
        client.PostAsJsonFromAsync(clientIp, "/login", new { username = user.Username, password = user.Password });
}
