package tomo.workers;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (the Maven project version). */
public final class TomoVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = TomoVersion.class.getPackage().getImplementationVersion();
    return new String[] {"tomo " + (v == null ? "development build" : v)};
  }
}
