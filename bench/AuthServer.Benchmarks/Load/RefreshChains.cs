using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AuthServer.Benchmarks.Load;

/// <summary>
/// Sessions that each follow their own rotation chain: worker w always refreshes chain w, with the refresh token the
/// previous answer gave it, spread over the instances given. A chain that breaks is started again with a new login.
/// </summary>
internal sealed class RefreshChains
{
    public const string Password = "benchmark passphrase for refresh chains";

    private readonly HttpClient _client;
    private readonly Uri[] _instances;
    private readonly string _username;
    private readonly string?[] _tokens;
    private readonly int[] _turns;

    private RefreshChains(HttpClient client, Uri[] instances, string username, int count)
    {
        _client = client;
        _instances = instances;
        _username = username;
        _tokens = new string?[count];
        _turns = new int[count];
    }

    public static async Task<RefreshChains> StartAsync(HttpClient client, IReadOnlyList<Uri> instances, int count)
    {
        var username = $"bench-{Guid.NewGuid():N}"[..24];
        (await client.PostAsJsonAsync(new Uri(instances[0], "/register"), new { username, password = Password })).EnsureSuccessStatusCode();
        var chains = new RefreshChains(client, [.. instances], username, count);
        for (var i = 0; i < count; i++)
        {
            chains._tokens[i] = await chains.LoginAsync();
        }

        return chains;
    }

    /// <summary>Refreshes chain <paramref name="chain"/> once; returns whether the answer was a new pair of tokens.</summary>
    public async Task<bool> RefreshAsync(int chain)
    {
        var instance = _instances[_turns[chain]++ % _instances.Length];
        using var body = new StringContent($"{{\"refresh_token\":\"{_tokens[chain]}\"}}", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri(instance, "/refresh-token"), body);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            _tokens[chain] = await RefreshTokenOfAsync(response);
            return true;
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            _tokens[chain] = await LoginAsync();
        }

        return false;
    }

    private async Task<string> LoginAsync()
    {
        using var response = await _client.PostAsJsonAsync(new Uri(_instances[0], "/login"), new { username = _username, password = Password });
        response.EnsureSuccessStatusCode();
        return await RefreshTokenOfAsync(response);
    }

    private static async Task<string> RefreshTokenOfAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(stream);
        return json.RootElement.GetProperty("refresh_token").GetString()!;
    }
}
