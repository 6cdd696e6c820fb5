namespace MusicCluster.Experiments.Lyrics;

/// <summary>Function-word lists for English and Bangla, as the tokens <see cref="LyricsTokenizer"/> produces.</summary>
/// <remarks>Written for song lyrics: pronouns, articles, auxiliaries, conjunctions, postpositions and fillers.
/// The Bangla list is passed through the tokenizer's normalisation, so precomposed and decomposed spellings match.</remarks>
public static class StopWords
{
    private const string EnglishText = """
        a about above after again against ain't all am an and any are aren't as at be because been before being below
        between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few
        for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
        himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most
        mustn't my myself no nor not now of off on once only or other ought our ours ourselves out over own same shan't
        she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
        there there's these they they'd they'll they're they've this those through to too under until up very was
        wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom
        why why's will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
        oh ooh yeah hey la na gonna wanna gotta got get
        """;

    private const string BanglaText = """
        আমি আমার আমাকে আমরা আমাদের তুমি তোমার তোমাকে তোমরা তোমাদের তুই তোর তোকে আপনি আপনার আপনারা সে তার তাকে
        তাঁর তিনি তারা তাদের ওরা ওদের ও এ এই এটা এটি এরা এদের ওই ওটা সেই সেটা যে যা যিনি যারা কে কি কী কেউ কিছু
        কোন কোনো কেন কোথায় কখন কবে কিভাবে কীভাবে কেমন যখন তখন এখন যেখানে সেখানে এখানে ওখানে যদি তবে তাই তাহলে
        কিন্তু এবং আর বা অথবা নাকি না নয় নেই নি হয় হয়ে হয়েছে হল হলো হবে ছিল ছিলাম ছিলে আছে আছি আছো আছেন থাকে
        থেকে করে করা করি করো করেন করতে করেছে করবে দিয়ে দিয়ে নিয়ে জন্য জন্যে মধ্যে ভিতর ভেতরে উপর উপরে নিচে পরে
        আগে সঙ্গে সাথে কাছে দিকে মত মতো প্রতি শুধু খুব আরও আরো সব সবাই সকল একটা একটি এক তো ই ও গো রে যেন বলে
        """;

    /// <summary>English stop words (lower case, straight apostrophes).</summary>
    public static IReadOnlySet<string> English { get; } = Build(EnglishText);

    /// <summary>Bangla stop words in Bengali script, NFC.</summary>
    public static IReadOnlySet<string> Bangla { get; } = Build(BanglaText);

    /// <summary>Both lists together: the default for bilingual lyrics.</summary>
    public static IReadOnlySet<string> EnglishAndBangla { get; } = English.Concat(Bangla).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Build(string text) => LyricsTokenizer.Tokenize(text).ToHashSet(StringComparer.Ordinal);
}
