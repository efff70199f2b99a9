namespace PluginBot.TestKit.Tests;

internal static class Waiting
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the condition did not become true within 5 s");
    }
}
