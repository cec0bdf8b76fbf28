using System.Net;
using System.Text.Json;

namespace AuthServer.Tests.Infrastructure;

public static class ResponseAssertions
{
    /// <summary>Asserts the status and the contract's error body: <c>error</c> equal to <paramref name="error"/> and a non-empty <c>error_description</c>.</summary>
    public static async Task AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error_description").GetString()));
    }

    public static void AssertNoStore(this HttpResponseMessage response) =>
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");

    /// <summary>Asserts a 401 with an RFC 6750 challenge naming <c>invalid_token</c> and describing why.</summary>
    public static void AssertInvalidTokenChallenge(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
        Assert.Contains("error_description=", challenge.Parameter);
    }
}
