using PluginBot.Abstractions.Commands;

namespace PluginBot.Abstractions.Tests;

public sealed class CommandArgumentsTests
{
    private static CommandArguments Args(params (string Flag, string? Value)[] flags) =>
        new("task", ["review", "it"], flags.ToDictionary(f => f.Flag, f => f.Value));

    [Fact]
    public void Numbers_are_read_in_invariant_culture()
    {
        Assert.Equal(0.5m, Args(("budget", "0.50")).Number("budget"));
        Assert.Null(Args().Number("budget"));
    }

    [Fact]
    public void A_value_that_is_not_a_number_names_the_flag()
    {
        var error = Assert.Throws<CommandSyntaxException>(() => Args(("budget", "0,50€")).Number("budget"));
        Assert.Equal("--budget expects a number such as 0.50, not '0,50€'.", error.Message);
    }

    [Fact]
    public void A_missing_positional_argument_names_what_is_needed()
    {
        Assert.Equal("it", Args().Required(1, "a prompt"));
        var error = Assert.Throws<CommandSyntaxException>(() => Args().Required(2, "a task id"));
        Assert.Equal("/task needs a task id.", error.Message);
    }
}
