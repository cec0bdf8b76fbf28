using System.Text.Json;

namespace AuthServer.Benchmarks.Suite;

internal static class JsonField
{
    /// <summary>The string value of the top-level property <paramref name="name"/> of a JSON object, or null.</summary>
    public static string? Read(ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }
}
