using System.Text.Json;

namespace MusicCluster.Experiments.Tests.Lyrics;

/// <summary>Reads the string lists of fixtures/lyrics/tfidf.json (written by tests/reference/lyrics_tfidf.py).</summary>
internal static class LyricsFixture
{
    public static Fixture Load() => Fixture.Load("lyrics/tfidf.json");

    public static string[] Strings(JsonElement e) => e.EnumerateArray().Select(v => v.GetString()!).ToArray();

    public static string[][] StringLists(JsonElement e) => e.EnumerateArray().Select(Strings).ToArray();
}
