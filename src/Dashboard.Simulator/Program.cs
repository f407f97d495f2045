using Dashboard.Simulator;

SimulatorApp.Build(args).Run();
