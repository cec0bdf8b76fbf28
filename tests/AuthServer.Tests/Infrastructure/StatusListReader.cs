using System.Buffers.Text;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Reads a Token Status List as any resource server would, without AuthServer's code: the access token's
/// <c>status</c> claim, the list's JWT verified with a stock JWT library against the JWKS, <c>lst</c> inflated with zlib,
/// and the entry's bit tested (draft-ietf-oauth-status-list-20 §4.1: bit idx mod 8 of byte idx div 8, from the least
/// significant bit).
/// </summary>
public static class StatusListReader
{
    /// <summary>The <c>idx</c> and <c>uri</c> of the access token's <c>status.status_list</c> claim.</summary>
    public static (int Index, string Uri) EntryOf(string accessToken)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(accessToken.Split('.')[1]));
        var entry = payload.RootElement.GetProperty("status").GetProperty("status_list");
        return (entry.GetProperty("idx").GetInt32(), entry.GetProperty("uri").GetString()!);
    }

    /// <summary>Whether the list served now says the access token's session is revoked.</summary>
    public static async Task<bool> IsRevokedAsync(HttpClient client, string accessToken)
    {
        var (index, uri) = EntryOf(accessToken);
        var bits = await ReadListAsync(client, uri);
        return (bits[index / 8] >> (index % 8) & 1) == 1;
    }

    /// <summary>Fetches the list at <paramref name="uri"/> (its path, from this client), verifies it, and returns its inflated bytes.</summary>
    public static async Task<byte[]> ReadListAsync(HttpClient client, string uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri).PathAndQuery);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/statuslist+jwt"));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/statuslist+jwt", response.Content.Headers.ContentType?.MediaType);
        var token = await response.Content.ReadAsStringAsync();

        var keys = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks.json")).GetSigningKeys();
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidTypes = ["statuslist+jwt"],
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var jwt = (JsonWebToken)validated.SecurityToken;
        Assert.Equal(uri, jwt.Subject);
        var statusList = JsonDocument.Parse(jwt.GetPayloadValue<object>("status_list").ToString()!).RootElement;
        Assert.Equal(1, statusList.GetProperty("bits").GetInt32());
        return Inflate(Base64Url.DecodeFromChars(statusList.GetProperty("lst").GetString()));
    }

    public static byte[] Inflate(byte[] zlib)
    {
        using var inflated = new MemoryStream();
        using (var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress))
        {
            stream.CopyTo(inflated);
        }

        return inflated.ToArray();
    }
}
