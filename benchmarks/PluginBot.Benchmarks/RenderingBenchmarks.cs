using BenchmarkDotNet.Attributes;
using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Benchmarks;

/// <summary>
/// Markdown → Telegram HTML for inputs of growing size: a realistic answer, and links nesting images as deep as the
/// input allows. Linear rendering keeps the time per kilobyte flat as the size grows tenfold.
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private string _markdown = "";

    [Params(10_000, 100_000, 1_000_000)]
    public int Size { get; set; }

    [Params("answer", "nested images")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _markdown = Shape == "answer" ? Answer(Size) : NestedImages(Size);

    [Benchmark]
    public string Render() => TelegramHtml.FromMarkdown(_markdown);

    private static string Answer(int size)
    {
        const string Section = "## Step\n\nRead **the docs** at [the site](https://example.com/a_(b)) and run `make test`:\n\n```bash\nmake test\n```\n\n- one\n- two _and_ three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
        return string.Concat(Enumerable.Repeat(Section, Math.Max(1, size / Section.Length)));
    }

    private static string NestedImages(int size)
    {
        const string Open = "![", Close = "](https://e.com/i.png)";
        var depth = size / (Open.Length + Close.Length);
        return "[" + string.Concat(Enumerable.Repeat(Open, depth)) + "x" + string.Concat(Enumerable.Repeat(Close, depth)) + "](https://e.com)";
    }
}
