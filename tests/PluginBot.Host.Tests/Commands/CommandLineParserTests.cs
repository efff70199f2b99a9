using PluginBot.Abstractions.Commands;
using PluginBot.Host.Commands;

namespace PluginBot.Host.Tests.Commands;

public sealed class CommandLineParserTests
{
    private static readonly FlagSpec[] TaskFlags =
    [
        new("model", TakesValue: true, "Model"),
        new("budget", TakesValue: true, "Budget"),
        new("follow", TakesValue: false, "Follow"),
    ];

    [Fact]
    public void Words_quoted_strings_and_flags_are_separated()
    {
        var args = CommandLineParser.Parse("/task review \"the last commit\" --model claude --follow", TaskFlags);
        Assert.Equal("task", args.Command);
        Assert.Equal(["review", "the last commit"], args.Positional);
        Assert.Equal("claude", args.Value("model"));
        Assert.True(args.Has("follow"));
        Assert.Null(args.Value("follow"));
        Assert.Equal("review the last commit", args.Text);
    }

    [Fact]
    public void A_bot_name_suffix_and_upper_case_are_ignored()
    {
        var args = CommandLineParser.Parse("/TASK@MyPluginBot hello", TaskFlags);
        Assert.Equal("task", args.Command);
        Assert.Equal(["hello"], args.Positional);
    }

    [Fact]
    public void Flag_values_may_be_inline_or_quoted()
    {
        var args = CommandLineParser.Parse("/task x --model=gpt --budget '0.50'", TaskFlags);
        Assert.Equal("gpt", args.Value("model"));
        Assert.Equal(0.50m, args.Number("budget"));
    }

    [Theory]
    [InlineData("/task x —model claude")]
    [InlineData("/task x –model claude")]
    public void Dashes_phones_substitute_for_two_hyphens_still_make_a_flag(string line) =>
        Assert.Equal("claude", CommandLineParser.Parse(line, TaskFlags).Value("model"));

    [Fact]
    public void Curly_quotes_from_phones_group_words()
    {
        var args = CommandLineParser.Parse("/task “fix the bug” --model «claude sonnet»", TaskFlags);
        Assert.Equal(["fix the bug"], args.Positional);
        Assert.Equal("claude sonnet", args.Value("model"));
    }

    [Theory]
    [InlineData("/task don't touch main --model claude", "don't touch main")]
    [InlineData("/task don't break what isn't broken --model claude", "don't break what isn't broken")]
    [InlineData("/task O'Brien's 27\" screen --model claude", "O'Brien's 27\" screen")]
    public void A_quote_inside_a_word_is_part_of_it(string line, string text)
    {
        var args = CommandLineParser.Parse(line, TaskFlags);
        Assert.Equal(text, args.Text);
        Assert.Equal("claude", args.Value("model"));
    }

    [Fact]
    public void An_inline_flag_value_may_be_quoted()
    {
        var args = CommandLineParser.Parse("/task it's late --model=\"claude sonnet\" --budget='2'", TaskFlags);
        Assert.Equal("it's late", args.Text);
        Assert.Equal("claude sonnet", args.Value("model"));
        Assert.Equal(2m, args.Number("budget"));
    }

    [Fact]
    public void A_quoted_flag_lookalike_is_text()
    {
        var args = CommandLineParser.Parse("/task \"--model\" explain", TaskFlags);
        Assert.Equal(["--model", "explain"], args.Positional);
        Assert.False(args.Has("model"));
    }

    [Fact]
    public void Emoji_right_to_left_text_and_markup_characters_survive()
    {
        var args = CommandLineParser.Parse("/task 🚀 مرحبا <b>&amp;</b> *_`", TaskFlags);
        Assert.Equal("🚀 مرحبا <b>&amp;</b> *_`", args.Text);
    }

    [Theory]
    [InlineData("/task \"unclosed", "Unclosed quote \" at position 7: add the closing \".")]
    [InlineData("/task x --colour red", "/task has no flag --colour; it accepts --model, --budget, --follow.")]
    [InlineData("/task x --model a --model b", "--model is given twice; give it once.")]
    [InlineData("/task x --model", "--model needs a value, e.g. --model \"...\".")]
    [InlineData("/task x --model --follow", "--model needs a value, e.g. --model \"...\".")]
    [InlineData("/task x --follow=yes", "--follow is a switch and takes no value; write just --follow.")]
    public void Malformed_lines_get_a_message_naming_the_fix(string line, string message)
    {
        var error = Assert.Throws<CommandSyntaxException>(() => CommandLineParser.Parse(line, TaskFlags));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_command_without_flags_says_so()
    {
        var error = Assert.Throws<CommandSyntaxException>(() => CommandLineParser.Parse("/help --all", []));
        Assert.Equal("/help takes no flags, but got --all.", error.Message);
    }

    [Fact]
    public void A_lone_double_dash_and_negative_numbers_are_text()
    {
        var args = CommandLineParser.Parse("/calc -- --5", TaskFlags);
        Assert.Equal(["--", "--5"], args.Positional);
    }

    [Theory]
    [InlineData("hello", null)]
    [InlineData("/", null)]
    [InlineData("  /Start now", "start")]
    [InlineData("/new\nmore", "new")]
    public void The_command_name_is_read_from_the_first_word(string line, string? name) =>
        Assert.Equal(name, CommandLineParser.NameOf(line));

    [Fact]
    public void A_100_kilobyte_line_parses_without_error()
    {
        var prompt = string.Concat(Enumerable.Repeat("word ", 20_000));
        var args = CommandLineParser.Parse("/task " + prompt + "--model m", TaskFlags);
        Assert.Equal(20_000, args.Positional.Count);
        Assert.Equal("m", args.Value("model"));
    }
}
