using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using McMaster.NETCore.Plugins;
using PluginBot.Abstractions.Costs;
using PluginBot.Host.Plugins;

namespace PluginBot.Plugins.Costs.Tests.Charts;

/// <summary>
/// The chart as the host runs it: the Costs plugin loaded from plugins/Costs into its own load context, with its
/// own ScottPlot, SkiaSharp and HarfBuzzSharp and their native libraries from the plugin's runtimes folder.
/// </summary>
public sealed class PluginContextChartTests
{
    // The host has none of these (checked below); this test project has them all, because it references the
    // plugin directly, so they are marked private here to be resolved from the plugin folder as in the host.
    private static readonly string[] GraphicsAssemblies = ["ScottPlot", "SkiaSharp", "SkiaSharp.HarfBuzz", "HarfBuzzSharp"];

    private static readonly string PluginFolder = Path.Combine(AppContext.BaseDirectory, "plugins", "Costs");

    [Fact]
    public void The_host_does_not_carry_the_graphics_assemblies()
    {
        var hostDeps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pluginbot.deps.json"));

        Assert.All(GraphicsAssemblies, name => Assert.DoesNotContain($"\"{name}/", hostDeps, StringComparison.Ordinal));
    }

    [Fact]
    public void The_plugin_renders_a_chart_with_its_own_native_libraries()
    {
        var plugin = LoadLikeTheHost();
        var context = AssemblyLoadContext.GetLoadContext(plugin)!;

        var png = RenderThroughReflection(plugin);
        using (CreateHarfBuzzBuffer(context))
        {
        }

        Assert.Equal((900, 450), Png.Size(png));
        Assert.NotSame(AssemblyLoadContext.Default, context);
        foreach (var name in new[] { "ScottPlot", "SkiaSharp", "HarfBuzzSharp" })
        {
            var loaded = Assert.Single(context.Assemblies, a => a.GetName().Name == name);
            Assert.StartsWith(PluginFolder, loaded.Location, StringComparison.Ordinal);
        }

        if (OperatingSystem.IsLinux())
        {
            var native = Path.Combine(PluginFolder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
            var mapped = File.ReadAllText("/proc/self/maps");
            Assert.Contains(Path.Combine(native, "libSkiaSharp.so"), mapped, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(native, "libHarfBuzzSharp.so"), mapped, StringComparison.Ordinal);
        }
    }

    private static Assembly LoadLikeTheHost()
    {
        // The host's own list of contract assemblies, so that this test shares exactly what the host shares.
        var sharedTypes = (Type[])typeof(PluginCatalog).Assembly
            .GetType("PluginBot.Host.Plugins.ContractAssemblies", throwOnError: true)!
            .GetField("SharedTypes", BindingFlags.Public | BindingFlags.Static)!
            .GetValue(null)!;
        var loader = PluginLoader.CreateFromAssemblyFile(Path.Combine(PluginFolder, "PluginBot.Plugins.Costs.dll"), sharedTypes, config =>
        {
            config.PreferSharedTypes = true;
            config.IsUnloadable = false;
            foreach (var name in GraphicsAssemblies)
            {
                config.PrivateAssemblies.Add(new AssemblyName(name));
            }
        });
        return loader.LoadDefaultAssembly();
    }

    private static byte[] RenderThroughReflection(Assembly plugin)
    {
        var pointType = plugin.GetType("PluginBot.Plugins.Costs.Charts.SpendPoint", throwOnError: true)!;
        var points = Array.CreateInstance(pointType, 2);
        points.SetValue(Activator.CreateInstance(pointType, new DateOnly(2026, 11, 3), "gateway:gpt-4o", Usd.FromMicros(1_200_000)), 0);
        points.SetValue(Activator.CreateInstance(pointType, new DateOnly(2026, 11, 3), "ollama:llama3", Usd.FromMicros(50_000)), 1);
        var render = plugin.GetType("PluginBot.Plugins.Costs.Charts.SpendChart", throwOnError: true)!.GetMethod(
            "Render",
            [typeof(string), typeof(DateOnly), typeof(DateOnly), typeof(IEnumerable<>).MakeGenericType(pointType), typeof(int), typeof(int)])!;
        return (byte[])render.Invoke(null, ["Spend by model", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), points, 900, 450])!;
    }

    /// <summary>ScottPlot shapes text with HarfBuzz only for right-to-left labels; this loads its native library now.</summary>
    private static IDisposable CreateHarfBuzzBuffer(AssemblyLoadContext context) =>
        (IDisposable)Activator.CreateInstance(context.LoadFromAssemblyName(new AssemblyName("HarfBuzzSharp")).GetType("HarfBuzzSharp.Buffer", throwOnError: true)!)!;
}
