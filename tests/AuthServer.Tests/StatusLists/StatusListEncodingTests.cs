using System.Buffers.Text;
using System.Security.Cryptography;
using AuthServer.StatusLists;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.StatusLists;

/// <summary>The encoding against the draft's own test vectors (draft-ietf-oauth-status-list-20 §4.1, §4.2, Appendix C.1).</summary>
public sealed class StatusListEncodingTests
{
    [Fact]
    public void TheDraftsSixteenEntryExample_ReadsAsTheDraftSays_AndOurEncodingInflatesToTheSameBytes()
    {
        int[] statuses = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];

        var draft = StatusListReader.Inflate(Base64Url.DecodeFromChars("eNrbuRgAAhcBXQ"));
        var ours = new byte[2];
        foreach (var index in Enumerable.Range(0, statuses.Length).Where(i => statuses[i] == 1))
        {
            StatusListEncoding.Set(ours, index);
        }

        Assert.Equal([0xB9, 0xA3], draft);
        Assert.Equal(draft, ours);
        Assert.Equal(draft, StatusListReader.Inflate(Base64Url.DecodeFromChars(StatusListEncoding.Encode(ours))));
        Assert.All(Enumerable.Range(0, statuses.Length), i => Assert.Equal(statuses[i] == 1, StatusListEncoding.IsSet(draft, i)));
    }

    [Fact]
    public void TheDraftsMillionEntryExample_HasExactlyTheEntriesItLists()
    {
        const string Lst = "eNrt3AENwCAMAEGogklACtKQPg9LugC9k_ACvreiogEAAKkeCQAAAAAAAAAAAAAAAAAAAIBylgQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAXG9IAAAAAAAAAPwsJAAAAAAAAAAAAAAAvhsSAAAAAAAAAAAA7KpLAAAAAAAAAAAAAAAAAAAAAJsLCQAAAAAAAAAAADjelAAAAAAAAAAAKjDMAQAAAACAZC8L2AEb";
        int[] set = [0, 1993, 25460, 159495, 495669, 554353, 645645, 723232, 854545, 934534, 1000345];

        var bytes = StatusListReader.Inflate(Base64Url.DecodeFromChars(Lst));

        Assert.Equal(131072, bytes.Length);
        Assert.Equal(set, Enumerable.Range(0, bytes.Length * 8).Where(i => StatusListEncoding.IsSet(bytes, i)));
    }

    [Fact]
    public void ThePermutation_GivesEveryPositionOfAListItsOwnIndex()
    {
        var permutation = new StatusIndexPermutation();
        permutation.UseKey(RandomNumberGenerator.GetBytes(32));

        var seen = new bool[StatusListLayout.EntriesPerList];
        for (var position = 0; position < StatusListLayout.EntriesPerList; position++)
        {
            var index = permutation.IndexOf(list: 3, position);
            Assert.False(seen[index], $"Index {index} given twice.");
            seen[index] = true;
        }

        Assert.NotEqual(permutation.IndexOf(3, 0), permutation.IndexOf(4, 0));
    }
}
