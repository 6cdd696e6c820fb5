using System.Buffers.Binary;
using System.Text;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;

namespace MusicCluster.Fuzz.Tests;

/// <summary>Valid inputs of every reader, built by our own writers (so they are exactly what the program reads in practice).</summary>
public static class Seeds
{
    private static byte[] WrittenBy(string fileName, Action<string> write)
    {
        string dir = Directory.CreateTempSubdirectory("mc-fuzz-seed-").FullName;
        try
        {
            string path = Path.Combine(dir, fileName);
            write(path);
            return File.ReadAllBytes(path);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static float[] Tone(int frames, int channels)
    {
        var x = new float[frames * channels];
        for (int i = 0; i < x.Length; i++) x[i] = 0.5f * MathF.Sin(i * 0.05f);
        return x;
    }

    /// <summary>PCM 16 mono, float 32 stereo, and an 8-bit file with an odd-sized LIST chunk before 'fmt '.</summary>
    public static IReadOnlyList<byte[]> Wav() =>
    [
        WavWriter.Encode(Tone(1200, 1), 1, 22050),
        WavWriter.Encode(Tone(900, 2), 2, 44100, WavSampleFormat.Float32),
        EightBitWithListChunk(),
    ];

    private static byte[] EightBitWithListChunk()
    {
        var list = "INFOISFT\u0005\0\0\0test\0"u8.ToArray();  // 17 bytes: odd, so a pad byte follows
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), 8000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 8);
        var data = new byte[801];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(128 + 60 * Math.Sin(i * 0.1));
        using var s = new MemoryStream();
        void Chunk(string id, byte[] body)
        {
            s.Write(Encoding.ASCII.GetBytes(id));
            Span<byte> size = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
            s.Write(size);
            s.Write(body);
            if ((body.Length & 1) == 1) s.WriteByte(0);
        }
        s.Write("RIFF\0\0\0\0WAVE"u8);
        Chunk("LIST", list);
        Chunk("fmt ", fmt);
        Chunk("data", data);
        var bytes = s.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    // Small compressed fixtures of tests/reference/audio_codecs.py, copied next to the tests as audio-seeds/.
    private static IReadOnlyList<byte[]> AudioSeeds(params string[] names) =>
        [.. names.Select(n => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "audio-seeds", n)))];

    /// <summary>FLAC from our reference writer (variable blocks, escape codes, wasted bits) and from the flac tool (8-bit stereo).</summary>
    public static IReadOnlyList<byte[]> Flac() => AudioSeeds("py12_stereo_varblock.flac", "flac8_stereo_b1024.flac");

    /// <summary>LAME MP3 with an ID3v2 tag and a Xing header.</summary>
    public static IReadOnlyList<byte[]> Mp3() => AudioSeeds("lame_mono_22k_id3.mp3");

    /// <summary>Ogg Vorbis, mono 22 kHz.</summary>
    public static IReadOnlyList<byte[]> Vorbis() => AudioSeeds("vorbis_mono_22k.ogg");

    /// <summary>Ogg Opus, mono 16 kHz (SILK).</summary>
    public static IReadOnlyList<byte[]> Opus() => AudioSeeds("opus_mono_16k.opus");

    /// <summary>The audio files the manifest seeds name (written next to tracks.csv by <see cref="PrepareManifest"/>).</summary>
    public static void PrepareManifest(string dir)
    {
        File.WriteAllBytes(Path.Combine(dir, "a.wav"), WavWriter.Encode(Tone(400, 1), 1, 22050));
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllBytes(Path.Combine(dir, "sub", "b.wav"), WavWriter.Encode(Tone(400, 1), 1, 22050));
    }

    /// <summary>A manifest with every column, quoted cells with commas and line breaks, Bangla lyrics, a BOM and an extra column.</summary>
    public static IReadOnlyList<byte[]> Manifest() =>
    [
        Encoding.UTF8.GetBytes("track_id,file,language,genre,lyrics\r\nt1,a.wav,en,rock,\"hello, world\r\nagain\"\r\nt2,sub/b.wav,bn,folk,আমি তুমি গান\r\n"),
        [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Track_ID , File,tempo\nx,a.wav,120\ny,sub/b.wav,\"9\"\"0\"\n")],
    ];

    /// <summary>float32 matrices as NumPy writes them: 2-D and 1-D.</summary>
    public static IReadOnlyList<byte[]> Npy() =>
    [
        WrittenBy("m.npy", p => NpyFile.Write(p, [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f], 3, 4)),
        WrittenBy("v.npy", p => NpyFile.Write(p, [0f, 1f, 2f, 1f, 0f, 2f], 6)),
    ];

    /// <summary>CSV matrices with and without a header.</summary>
    public static IReadOnlyList<byte[]> CsvMatrix() =>
    [
        "a,b,c\n1,2,3\n4.5,-6e-3,7\n0,0,1\n"u8.ToArray(),
        "0.25,1\r\n-3,2.5e2\r\n"u8.ToArray(),
    ];

    /// <summary>A label column.</summary>
    public static IReadOnlyList<byte[]> Labels() => ["label\n0\n1\n2\n1\n0\n"u8.ToArray(), "3\n-1\n3\n"u8.ToArray()];

    /// <summary>A hand-written config (comments, trailing comma) and the full resolved configuration as <c>config --print</c> shows it.</summary>
    public static IReadOnlyList<byte[]> Config() =>
    [
        "// my settings\n{ \"seed\": 3, \"seeds\": 2, \"easy\": { \"epochs\": 5, \"hidden\": [32] },\n  \"medium\": { \"alphas\": [0, 0.5, 1] }, \"clustering\": { \"k\": 4 }, }\n"u8.ToArray(),
        Encoding.UTF8.GetBytes(ConfigJson.Serialize(new RunConfig())),
    ];

    private static Vae SmallVae() => new(new VaeConfig(6, [5], 2), seed: 1);

    /// <summary>A trainer for the small model of the checkpoint seeds.</summary>
    public static Trainer SmallTrainer()
    {
        var model = SmallVae();
        return new Trainer(model, new Adam<float>(model.NamedParameters(), 1e-3), new TrainerOptions(Epochs: 1, BatchSize: 4, Seed: 2));
    }

    /// <summary>A model checkpoint and a training checkpoint (optimizer state, generator states).</summary>
    public static IReadOnlyList<byte[]> Checkpoints() =>
    [
        WrittenBy("m.safetensors", p => Checkpoint.SaveModel(p, SmallVae(), epoch: 3)),
        TrainingCheckpoint(),
    ];

    /// <summary>A training checkpoint after one epoch.</summary>
    public static IReadOnlyList<byte[]> TrainingCheckpoints() => [TrainingCheckpoint()];

    private static byte[] TrainingCheckpoint() => WrittenBy("t.safetensors", p =>
    {
        var trainer = SmallTrainer();
        trainer.Fit(Tensor<float>.Uniform(new SeededRandom(3), -1f, 1f, 8, 6));
        Checkpoint.SaveTraining(p, trainer);
    });

    /// <summary>The audio file the feature-cache seeds are keyed by (its content hash names the entry).</summary>
    public static readonly byte[] CachedAudio = WavWriter.Encode(Tone(300, 1), 1, 22050);

    /// <summary>The settings key of the feature-cache seeds.</summary>
    public const string CacheKey = "fuzz;sr=22050;mels=4";

    /// <summary>Feature-cache entries with a few values and with none.</summary>
    public static IReadOnlyList<byte[]> CacheEntries() =>
    [
        CacheEntry([0.5f, -1f, 3.25f, float.Epsilon, 1e30f]),
        CacheEntry([]),
    ];

    private static byte[] CacheEntry(float[] values)
    {
        string dir = Directory.CreateTempSubdirectory("mc-fuzz-seed-").FullName;
        try
        {
            string audio = Path.Combine(dir, "audio.wav");
            File.WriteAllBytes(audio, CachedAudio);
            var cache = new FeatureCache(Path.Combine(dir, "cache"));
            cache.Store(audio, CacheKey, values);
            return File.ReadAllBytes(Directory.GetFiles(cache.Folder, "*.feat", SearchOption.AllDirectories).Single());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Ledgers with no stage and with two finished stages.</summary>
    public static IReadOnlyList<byte[]> Ledgers() =>
    [
        WrittenBy("stages.json", p => StageLedger.Create(Path.GetDirectoryName(p)!, "abc123")),
        WrittenBy("stages.json", p =>
        {
            var ledger = StageLedger.Create(Path.GetDirectoryName(p)!, "abc123");
            ledger.Run("cluster-vae-seed42", () => new FeatureMatrix([1f, 2f], 1, 2));
            ledger.Run("train-vae-seed42", () => 7);
            ledger.MarkComplete();
        }),
    ];

    /// <summary>A training history as the runner stores it between epochs.</summary>
    public static IReadOnlyList<byte[]> Histories() =>
    [
        WrittenBy("h.json", p => SealedJson.Write(p, new TrainingHistory("Vae", 42, [3.5, 2.25], [3, 2], [0.5, 0.25], 1.5, 0))),
    ];
}
