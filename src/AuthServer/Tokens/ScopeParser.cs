namespace AuthServer.Tokens;

/// <summary>
/// Scope strings as RFC 6749 §3.3 defines them: case-sensitive tokens of printable ASCII other than
/// <c>"</c> and <c>\</c>, separated by single spaces. Parsed sets are ordinal and duplicates collapse.
/// </summary>
public static class ScopeParser
{
    /// <summary>The tokens of <paramref name="scope"/>, or null when it breaks the syntax. Null or empty input is the empty set.</summary>
    public static SortedSet<string>? Parse(string? scope)
    {
        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(scope))
        {
            return tokens;
        }

        foreach (var token in scope.Split(' '))
        {
            if (!IsToken(token))
            {
                return null;
            }

            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>The scope string of <paramref name="tokens"/>, or null for none (no <c>scope</c> claim or field).</summary>
    public static string? Format(IEnumerable<string> tokens)
    {
        var joined = string.Join(' ', tokens);
        return joined.Length == 0 ? null : joined;
    }

    // NQCHAR = %x21 / %x23-5B / %x5D-7E
    public static bool IsToken(string token) =>
        token.Length > 0 && token.All(c => c is >= '\x21' and <= '\x7E' and not '"' and not '\\');
}
