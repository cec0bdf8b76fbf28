using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Features;

/// <summary>
/// The JWT attack list (RFC 8725 and the published JWT vulnerabilities) against <c>/protected-resource</c> on real Kestrel:
/// every forged, altered or misused token is refused with 401 and an <c>invalid_token</c> challenge (an oversized header
/// may be refused by Kestrel with 431 first), never accepted and never a 500; and no key is ever fetched from a URL the
/// token names.
/// </summary>
public sealed class JwtAttackTests(JwtAttackTarget target) : IClassFixture<JwtAttackTarget>
{
    private LoopbackAuthServer Server => target.Server;

    private TestTokens Tokens => target.Tokens;

    public static TheoryData<string> Attacks() =>
    [
        "alg none", "alg None", "alg NONE", "alg nOnE", "alg none with the signature kept", "stripped signature",
        "HS256 keyed with the public key (SPKI)", "HS256 keyed with the public key (PEM)",
        "unknown kid", "path traversal kid", "SQL kid", "kid /dev/null with an empty HMAC key",
        "jku to the attacker's keys", "x5u to the attacker's certificate", "embedded jwk", "ES256 with r = s = 0",
        "edited sub", "edited name", "edited scope", "expired 31 s ago", "nbf 31 s ahead",
        "wrong iss", "wrong aud", "typ JWT", "no typ", "unknown crit", "HS256 with \"secret\"", "HS256 with \"\"",
        "refresh token as bearer", "100 KB header",
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task ProtectedResource_RefusesTheAttack(string attack)
    {
        var response = await Server.Client.GetProtectedAsync(Forge(attack));

        if (attack == "100 KB header" && response.StatusCode == HttpStatusCode.RequestHeaderFieldsTooLarge)
        {
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{attack}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        response.AssertInvalidTokenChallenge();
        Assert.Equal(0, target.KeyHostConnections);
    }

    [Fact]
    public async Task TheRealTokenAndOneMintedWithTheServerKey_AreAccepted_SoTheRefusalsAreAboutTheAttacks()
    {
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetProtectedAsync(Tokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetProtectedAsync(Sign(Header(), Payload(), ServerKey))).StatusCode);
    }

    private string Forge(string attack)
    {
        var now = Server.Factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attackerKey = new ECDsaSecurityKey(attacker) { KeyId = "attacker" };
        var (realHeader, realPayload, realSignature) = Split(Tokens.AccessToken);
        var publicKey = ServerKey.ECDsa.ExportSubjectPublicKeyInfo();
        return attack switch
        {
            "alg none" or "alg None" or "alg NONE" or "alg nOnE" => $"{Encode(Header(alg: attack[4..]))}.{realPayload}.",
            "alg none with the signature kept" => $"{Encode(Header(alg: "none"))}.{realPayload}.{realSignature}",
            "stripped signature" => $"{realHeader}.{realPayload}.",
            "HS256 keyed with the public key (SPKI)" => Hmac(Header(alg: "HS256"), Payload(), publicKey),
            "HS256 keyed with the public key (PEM)" => Hmac(Header(alg: "HS256"), Payload(), Encoding.ASCII.GetBytes(ServerKey.ECDsa.ExportSubjectPublicKeyInfoPem())),
            "unknown kid" => Sign(Header(kid: "no-such-key"), Payload(), attackerKey),
            "path traversal kid" => Sign(Header(kid: "../../../../../../dev/null"), Payload(), attackerKey),
            "SQL kid" => Sign(Header(kid: "x' UNION SELECT 'secret' --"), Payload(), attackerKey),
            "kid /dev/null with an empty HMAC key" => Hmac(Header(alg: "HS256", kid: "/dev/null"), Payload(), []),
            "jku to the attacker's keys" => Sign(With(Header(kid: "attacker"), "jku", $"http://127.0.0.1:{KeyHostPort}/jwks.json"), Payload(), attackerKey),
            "x5u to the attacker's certificate" => Sign(With(Header(kid: "attacker"), "x5u", $"http://127.0.0.1:{KeyHostPort}/cert.pem"), Payload(), attackerKey),
            "embedded jwk" => Sign(With(Header(kid: "attacker"), "jwk", Jwk(attacker)), Payload(), attackerKey),
            "ES256 with r = s = 0" => $"{Encode(Header())}.{Encode(Payload())}.{Base64Url.EncodeToString(new byte[64])}",
            "edited sub" => Edited(realHeader, realPayload, realSignature, p => p["sub"] = Guid.NewGuid().ToString()),
            "edited name" => Edited(realHeader, realPayload, realSignature, p => p["name"] = "admin"),
            "edited scope" => Edited(realHeader, realPayload, realSignature, p => p["scope"] = "account resource.read resource.write"),
            "expired 31 s ago" => Sign(Header(), With(Payload(), "exp", now - 31), ServerKey),
            "nbf 31 s ahead" => Sign(Header(), With(Payload(), "nbf", now + 31), ServerKey),
            "wrong iss" => Sign(Header(), With(Payload(), "iss", "https://evil.test"), ServerKey),
            "wrong aud" => Sign(Header(), With(Payload(), "aud", "some-other-api"), ServerKey),
            "typ JWT" => Sign(Header(typ: "JWT"), Payload(), ServerKey),
            "no typ" => Sign(Without(Header(), "typ"), Payload(), ServerKey),
            "unknown crit" => Sign(With(With(Header(), "crit", new JsonArray("x-custom")), "x-custom", true), Payload(), ServerKey),
            "HS256 with \"secret\"" => Hmac(Header(alg: "HS256"), Payload(), "secret"u8.ToArray()),
            "HS256 with \"\"" => Hmac(Header(alg: "HS256"), Payload(), []),
            "refresh token as bearer" => Tokens.RefreshToken!,
            "100 KB header" => Sign(With(Header(), "pad", new string('a', 100 * 1024)), Payload(), ServerKey),
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, null),
        };
    }

    private ECDsaSecurityKey ServerKey => (ECDsaSecurityKey)Server.Factory.Services.GetRequiredService<SigningKeyRing>().Current.Key;

    private int KeyHostPort => target.KeyHostPort;

    private JsonObject Header(string alg = "ES256", string? kid = null, string typ = "at+jwt") =>
        new() { ["alg"] = alg, ["kid"] = kid ?? ServerKey.KeyId, ["typ"] = typ };

    /// <summary>The real token's claims, as they were issued.</summary>
    private JsonObject Payload() => JsonNode.Parse(Base64Url.DecodeFromChars(Split(Tokens.AccessToken).Payload))!.AsObject();

    private static JsonObject With(JsonObject json, string name, JsonNode? value)
    {
        json[name] = value;
        return json;
    }

    private static JsonObject Without(JsonObject json, string name)
    {
        json.Remove(name);
        return json;
    }

    private static string Sign(JsonObject header, JsonObject payload, ECDsaSecurityKey key)
    {
        var input = $"{Encode(header)}.{Encode(payload)}";
        return $"{input}.{Base64Url.EncodeToString(key.ECDsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256))}";
    }

    private static string Hmac(JsonObject header, JsonObject payload, byte[] key)
    {
        var input = $"{Encode(header)}.{Encode(payload)}";
        return $"{input}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)))}";
    }

    private static string Edited(string header, string payload, string signature, Action<JsonObject> edit)
    {
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(payload))!.AsObject();
        edit(claims);
        return $"{header}.{Encode(claims)}.{signature}";
    }

    private static JsonObject Jwk(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "attacker",
            ["x"] = Base64Url.EncodeToString(parameters.Q.X), ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
        };
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static (string Header, string Payload, string Signature) Split(string jwt)
    {
        var parts = jwt.Split('.');
        return (parts[0], parts[1], parts[2]);
    }
}
