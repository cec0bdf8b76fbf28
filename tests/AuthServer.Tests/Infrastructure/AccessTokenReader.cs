using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Infrastructure;

public static class AccessTokenReader
{
    /// <summary>The <c>sid</c> claim: the session the access token belongs to.</summary>
    public static string SessionIdOf(string accessToken) => new JsonWebToken(accessToken).GetClaim("sid").Value;
}
