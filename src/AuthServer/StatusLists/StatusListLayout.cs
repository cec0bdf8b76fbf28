namespace AuthServer.StatusLists;

/// <summary>
/// How entries are laid out: one bit per session (draft-ietf-oauth-status-list-20 §4.1, <c>bits</c> 1: 0 valid,
/// 1 invalid), <see cref="EntriesPerList"/> entries per list, each list served at <c>{issuer}/status-lists/{list}</c>.
/// </summary>
public static class StatusListLayout
{
    /// <summary>2^17 entries: 16 KiB of bits before compression, however many sessions a deployment has.</summary>
    public const int EntriesPerList = 1 << 17;

    public const int BytesPerList = EntriesPerList / 8;

    public const string PathPrefix = "/status-lists";

    /// <summary>The CORS policy of the lists: any origin may read them (draft §8.1), without credentials.</summary>
    public const string CorsPolicy = "status-lists";

    /// <summary>The <c>uri</c> of a list in access tokens, and the <c>sub</c> of its Status List Token.</summary>
    public static string Uri(string issuer, int list) => $"{issuer.TrimEnd('/')}{PathPrefix}/{list}";
}
