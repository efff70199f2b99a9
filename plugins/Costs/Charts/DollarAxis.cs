using System.Globalization;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Costs.Charts;

/// <summary>
/// Y-axis ticks in dollars at round steps (1, 2 or 5 times a power of ten, a micro-dollar at the finest), labelled
/// with as many decimals as the step needs, the same on every tick: <c>$0</c>, <c>$0.05</c>, <c>$0.10</c>.
/// </summary>
internal static class DollarAxis
{
    private const int MaxSteps = 6;
    private static readonly decimal[] Multiples = [1m, 2m, 5m];

    /// <summary>From $0 to the first tick at or above the highest day.</summary>
    public static IReadOnlyList<AxisTick> Ticks(Usd highest)
    {
        // Nothing spent still gets an axis: $0 to $1.
        var max = highest.IsPositive ? highest.Dollars : 1m;
        var step = Step(max);
        var count = (int)Math.Ceiling(max / step);
        var format = step >= 1m ? "#,0" : "#,0." + new string('0', Math.Max(2, Decimals(step)));
        return [.. Enumerable.Range(0, count + 1).Select(i => new AxisTick((double)(i * step), Label(i * step, format)))];
    }

    private static string Label(decimal dollars, string format) =>
        dollars == 0 ? "$0" : "$" + dollars.ToString(format, CultureInfo.InvariantCulture);

    private static decimal Step(decimal max)
    {
        for (var power = 0.000001m; ; power *= 10)
        {
            foreach (var multiple in Multiples)
            {
                var step = multiple * power;
                if (max / step <= MaxSteps)
                {
                    return step;
                }
            }
        }
    }

    private static int Decimals(decimal step)
    {
        var decimals = 0;
        for (; step % 1m != 0; step *= 10)
        {
            decimals++;
        }

        return decimals;
    }
}
