using Microsoft.Extensions.Time.Testing;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>
/// Assemblies that load but are not usable plugins: a manifest with bad fields, a DLL without any manifest, and a
/// manifest whose assembly has no entry point. Each is refused with a reason that says what to change.
/// </summary>
public sealed class ManifestProblemsFixture : PluginScenarioFixture
{
    /// <summary>A real .NET assembly that is no plugin at all (no manifest, no IPlugin).</summary>
    public static readonly string ForeignDll = Path.GetFileName(typeof(FakeTimeProvider).Assembly.Location);

    protected override void Arrange(PluginsFolder folder)
    {
        folder.AddPlugin("Good", "BadFields")
            .WriteText("BadFields/plugin.json", """
                { "id": "Bad_Id", "name": "9lives", "version": "1.0.0", "hostApi": "one" }
                """)
            .WriteText("NoEntryPoint/plugin.json", $$"""
                { "id": "no-entry-point", "name": "NoEntryPoint", "version": "1.0.0", "hostApi": "2.0", "entryAssembly": "{{ForeignDll}}" }
                """);
        File.Copy(typeof(FakeTimeProvider).Assembly.Location, folder.PathOf(Path.Combine("NoEntryPoint", ForeignDll)));
        File.Copy(typeof(FakeTimeProvider).Assembly.Location, folder.PathOf(ForeignDll));
    }
}

public sealed class ManifestProblemTests(ManifestProblemsFixture host) : IClassFixture<ManifestProblemsFixture>
{
    [Fact]
    public void A_manifest_with_bad_fields_is_refused_with_every_problem_in_one_sentence()
    {
        var plugin = PluginAt("BadFields");

        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Equal(
            "Invalid manifest: id 'Bad_Id' must match [a-z0-9-]+ (e.g. 'my-plugin'); "
            + "name '9lives' must be letters and digits starting with a letter (it is the configuration section Plugins:<Name>); "
            + $"hostApi 'one' must be major.minor, e.g. '{PluginBot.Abstractions.Plugins.HostApiVersion.Current}'.",
            plugin.Reason);
        Assert.Null(plugin.Instance);
    }

    [Fact]
    public void A_dll_in_the_folder_root_without_any_manifest_is_refused_and_asked_for_one()
    {
        var plugin = PluginAt(ManifestProblemsFixture.ForeignDll);

        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Equal(
            $"{ManifestProblemsFixture.ForeignDll} has no manifest: add plugin.json or [assembly: PluginManifest(...)] (is it a PluginBot plugin?).",
            plugin.Reason);
    }

    [Fact]
    public void A_manifest_whose_assembly_has_no_entry_point_is_refused()
    {
        var plugin = host.Plugin("no-entry-point");

        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Equal("no class implements IPlugin.", plugin.Reason);
        Assert.Null(plugin.Instance);
    }

    [Fact]
    public void The_good_plugin_s_code_under_a_bad_manifest_registers_nothing()
    {
        // BadFields carries the Good plugin's assembly: refusing the manifest must keep its handlers out too.
        Assert.DoesNotContain(host.Catalog.Plugins, p => p.Status == PluginStatus.Active);
    }

    private PluginRecord PluginAt(string relativePath) =>
        Assert.Single(host.Catalog.Plugins, p => p.Location == host.Folder.PathOf(relativePath));
}
