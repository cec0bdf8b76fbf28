using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.ResourceServer;

/// <summary>
/// The entry an access token names in a Token Status List: its <c>status.status_list</c> claim, <c>idx</c> and <c>uri</c>
/// (draft-ietf-oauth-status-list-20 §6.1). Read once per token and remembered with it.
/// </summary>
public sealed record StatusReference(string Uri, int Index)
{
    private static readonly ConditionalWeakTable<JsonWebToken, StatusReference?> Read = [];

    /// <summary>The token's entry, or null when it names none or names one malformed (a negative or non-integer <c>idx</c>, no <c>uri</c>).</summary>
    public static StatusReference? Of(JsonWebToken token) => Read.GetValue(token, Parse);

    private static StatusReference? Parse(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<JsonElement>("status", out var status) || status.ValueKind != JsonValueKind.Object
            || !status.TryGetProperty("status_list", out var list) || list.ValueKind != JsonValueKind.Object
            || !list.TryGetProperty("idx", out var idx) || !idx.TryGetInt32(out var index) || index < 0
            || !list.TryGetProperty("uri", out var uri) || uri.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new StatusReference(uri.GetString()!, index);
    }
}
