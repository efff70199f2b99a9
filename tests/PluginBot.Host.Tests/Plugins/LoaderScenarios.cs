namespace PluginBot.Host.Tests.Plugins;

/// <summary>
/// One host with most test plugins and every kind of bad input side by side: their statuses are independent,
/// so one start covers them all.
/// </summary>
public sealed class LoaderScenariosFixture : PluginScenarioFixture
{
    public const string BareDll = "PluginBot.TestPlugins.BareDll.dll";

    protected override void Arrange(PluginsFolder folder) => folder
        .AddPlugin("Good")
        .AddPlugin("DependsOnGood")
        .AddPlugin("OptionalOnGood")
        .AddPlugin("ThrowsOnRegister")
        .AddPlugin("NotConfigured")
        .AddPlugin("WrongHostApi")
        .AddPlugin("MissingDependency")
        .AddPlugin("CycleA")
        .AddPlugin("CycleB")
        .AddPlugin("ShipsOwnCopies")
        .AddPlugin("ShipsNewerCopy")
        .AddRootFile("BareDll", BareDll)
        .WriteText("Malformed/plugin.json", """
            {
              "id": "malformed",
              "name": Malformed,
              "version": "1.0.0"
            }
            """)
        .WriteText("MissingDll/plugin.json", """
            { "id": "missing-dll", "name": "MissingDll", "version": "1.0.0", "hostApi": "1.0", "entryAssembly": "Nowhere.dll" }
            """)
        .WriteText("readme.txt", "Drop plugins here.")
        .WriteBytes("x.dll", [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 251))]);
}

[CollectionDefinition(Name)]
public sealed class LoaderScenariosCollection : ICollectionFixture<LoaderScenariosFixture>
{
    public const string Name = "plugin loader scenarios";
}
