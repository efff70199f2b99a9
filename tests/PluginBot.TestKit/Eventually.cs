using System.Diagnostics;

namespace PluginBot.TestKit;

/// <summary>Waits for something that happens in the background (an event delivered, a row written), bounded in time.</summary>
public static class Eventually
{
    /// <summary>
    /// Only a safety net: the conditions waited for hold within milliseconds on an idle machine, but the suite runs
    /// every test project at once on two cores, beside other builds.
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));

    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > Limit)
            {
                throw new TimeoutException($"The condition waited for did not hold within {Limit.TotalSeconds:0} s.");
            }

            await Task.Delay(10);
        }
    }
}
