namespace MusicCluster.Experiments.Corpus;

/// <summary>Word lists for generated lyrics: real English words and real Bangla words in Bengali script, with per-genre topics.</summary>
internal sealed record Vocabulary(string Language, string[] Function, string[] General, string[] Verbs, IReadOnlyDictionary<string, string[]> Topics, string[] LineEnds)
{
    private static string[] W(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static readonly Vocabulary English = new(
        "en",
        W("i you we my your the a and in on with to of is all never again tonight so oh"),
        W("love heart night day time dream light world sky road home eyes soul life rain sun moon song voice hand story shadow heaven"),
        W("run burn fly fall dance sing feel hold break shine wait remember move rise cry call"),
        new Dictionary<string, string[]>
        {
            ["rock"] = W("fire thunder rebel scream highway wild engine steel storm freedom fight broken loud rage chains"),
            ["electronic"] = W("neon pulse lights dance bass electric club laser machine rhythm midnight signal euphoria strobe digital"),
            ["hiphop"] = W("street block hustle money crew truth city grind respect corner flow rhyme concrete struggle hood"),
            ["folk"] = W("river mountain village harvest fields boat mother wind cotton porch fiddle valley meadow wheat cabin"),
            ["ambient"] = W("silence ocean clouds breath drift horizon stars mist glow stillness waves sleep infinite calm dawn"),
            ["jazz"] = W("coffee evening smoke piano velvet saxophone whisper moonlight lounge wine blue boulevard swing memory martini"),
        },
        [",", ".", "!", ""]);

    public static readonly Vocabulary Bangla = new(
        "bn",
        W("আমি তুমি আমার তোমার আমরা এই সেই আর না শুধু আজ সব যে কেন ও"),
        W("ভালোবাসা মন হৃদয় রাত দিন সময় স্বপ্ন আলো পৃথিবী আকাশ পথ ঘর চোখ প্রাণ জীবন বৃষ্টি সূর্য চাঁদ গান সুর কণ্ঠ হাত গল্প ছায়া"),
        W("চলো জ্বলে ওড়ে নাচে গাই ডাকে জাগো ভাসে কাঁদে হাসে ফিরে খুঁজি"),
        new Dictionary<string, string[]>
        {
            ["rock"] = W("আগুন ঝড় বিদ্রোহ শক্তি চিৎকার লড়াই রাস্তা মুক্তি গর্জন বজ্র ভাঙা শিকল যুদ্ধ তেজ উন্মাদ"),
            ["electronic"] = W("নাচ ছন্দ উৎসব তাল ঝলমল নেশা যন্ত্র বিদ্যুৎ তারকা গতি রঙিন আলোকসজ্জা স্পন্দন মধ্যরাত ঝংকার"),
            ["hiphop"] = W("শহর গলি টাকা সত্য পাড়া কথা সম্মান ক্ষুধা ভাই সংগ্রাম বস্তি ফুটপাত দেয়াল প্রতিবাদ বাস্তব"),
            ["folk"] = W("নদী নৌকা মাঝি গ্রাম মাটি ধান বাউল একতারা মাঠ পাখি সবুজ মা বটগাছ কৃষক পল্লী"),
            ["ambient"] = W("নীরবতা শান্তি মেঘ বাতাস কুয়াশা সমুদ্র ঘুম নিঃশ্বাস জ্যোৎস্না দিগন্ত ঢেউ ভোর অসীম স্নিগ্ধ নক্ষত্র"),
            ["jazz"] = W("সন্ধ্যা কফি স্মৃতি জানালা পিয়ানো হাওয়া প্রেম গোধূলি একাকী বিষণ্ণ ধোঁয়া মখমল নীল আড্ডা চা"),
        },
        ["।", ",", "!", ""]);
}
