using PluginBot.Plugins.Telegram.Rendering;
using PluginBot.TestKit.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

/// <summary>Sends rendered and split answers through the real client to the Telegram-faithful fake, which parses them.</summary>
public sealed class TelegramAcceptanceTests
{
    private const long User = 4242;

    public static TheoryData<string> NastyInputs() =>
    [
        "a < b && c > d; x &amp; y &#169; \"quoted\" 'single'",
        "**unclosed bold and `unclosed code and _unclosed italic and ~~strike",
        "*a **b* c** _a __b_ c__ ***x** y*",
        "snake_case_words, __dunder__, 2*3*4, *, **, ***, `, ``, ```",
        "`code with <tags> & **stars**` and ``double ` tick``",
        "```html\n<div class=\"x\">&nbsp;</div>\n**not bold**\n```",
        "```\nunclosed fence with <b>html</b>",
        "[q](https://e.com/?a=\"b\"&c=<d>) [p](https://e.com/a_(b)_c) [js](javascript:alert(1)) ![i](https://e.com/i.png \"t\")",
        "[**bold `code` link**](https://e.com) <https://e.com/auto> <notalink>",
        "👍🏽👨‍👩‍👧 **שלום** _مرحبا_ `😀` 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "- a\n  - b\n    - c **d\n      - e*\n1. one\n   > quote in list\n2. two",
        "> q1 **b\n> > q2 b**\n> ```\n> code\n\nafter",
        "# H1 *i*\n## H2 `c`\n###### H6 <x>\n####### not a heading",
        "| a | b<c |\n|---|:-:|\n| **1** | `2` |\n| 3 |",
        "---\n***\n___\n- - -",
        "\\*escaped\\* \\<tag\\> \\` \\\\ trailing backslash \\",
    ];

    [Theory]
    [MemberData(nameof(NastyInputs))]
    public async Task Telegram_accepts_the_rendering_of_nasty_markdown(string markdown)
    {
        await using var fake = await StartAsync();
        var bot = Client(fake);
        var html = TelegramHtml.FromMarkdown(markdown);

        var sent = await bot.SendMessage(User, html, ParseMode.Html);

        Assert.Equal(TelegramHtml.ToPlainText(html).Trim(), sent.Text);
    }

    [Theory]
    [MemberData(nameof(NastyInputs))]
    public async Task Telegram_accepts_every_partial_rendering_of_nasty_markdown(string markdown)
    {
        await using var fake = await StartAsync();
        var bot = Client(fake);
        for (var length = 1; length <= markdown.Length; length++)
        {
            var html = TelegramHtml.FromMarkdown(markdown[..length], partial: true);
            if (!string.IsNullOrWhiteSpace(TelegramHtml.ToPlainText(html)))
            {
                _ = await bot.SendMessage(User, html, ParseMode.Html);
            }
        }
    }

    [Fact]
    public async Task Telegram_accepts_every_chunk_of_a_hundred_kilobyte_answer()
    {
        await using var fake = await StartAsync();
        var bot = Client(fake);
        var chunks = MessageSplitter.Split(TelegramHtml.FromMarkdown(MessageSplitterTests.LargeMarkdown(100_000)));

        foreach (var chunk in chunks)
        {
            var sent = await bot.SendMessage(User, chunk, ParseMode.Html);
            Assert.InRange(sent.Text!.Length, 1, 4096);
        }

        Assert.Equal(chunks.Count, fake.SentMessages(User).Count);
    }

    [Fact]
    public async Task Telegram_keeps_the_language_of_a_code_block_split_across_messages()
    {
        await using var fake = await StartAsync();
        var bot = Client(fake);
        var code = string.Concat(Enumerable.Range(0, 600).Select(i => $"let x{i} = \"{i}\" < {i};\n"));
        var chunks = MessageSplitter.Split(TelegramHtml.FromMarkdown("Code:\n```rust\n" + code + "```\nDone."));

        foreach (var chunk in chunks)
        {
            _ = await bot.SendMessage(User, chunk, ParseMode.Html);
        }

        var messages = fake.SentMessages(User);
        Assert.True(messages.Count >= 3);
        Assert.All(messages.Skip(1).SkipLast(1), m => Assert.Contains(m.Current.Entities, e => e.Type == "pre" && e.Offset == 0 && e.Length == m.Text.Length));
        Assert.All(chunks.Skip(1).SkipLast(1), c => Assert.StartsWith("<pre><code class=\"language-rust\">", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Telegram_accepts_plain_text_split_with_emoji_at_every_cut()
    {
        await using var fake = await StartAsync();
        var bot = Client(fake);
        var text = TelegramHtml.Escape(string.Concat(Enumerable.Repeat("😀<&>", 3000)));

        foreach (var chunk in MessageSplitter.Split(text))
        {
            var sent = await bot.SendMessage(User, chunk, ParseMode.Html);
            Assert.InRange(sent.Text!.Length, 1, 4096);
        }
    }

    private static async Task<FakeTelegramServer> StartAsync()
    {
        var fake = new FakeTelegramServer { Limits = new() { Enabled = false } };
        await fake.StartAsync();
        _ = fake.SendText(User, User, "hi");
        return fake;
    }

    private static TelegramBotClient Client(FakeTelegramServer fake) =>
        new(new TelegramBotClientOptions(fake.Token, fake.ApiUrl) { RetryCount = 0 });
}
