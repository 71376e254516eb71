package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The features repository on a stock Apache Karaf of the same version, as an integrator would add
 * it: repository plus {@code socialweave} feature, nothing else of ours.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StockKarafIT extends ItestSupport {

  @Configuration
  public Option[] config() {
    List<Option> options =
        options(
            maven()
                .groupId("org.apache.karaf")
                .artifactId("apache-karaf")
                .type("tar.gz")
                .version(System.getProperty("karaf.version")));
    options.add(
        features(
            maven()
                .groupId("org.socialweave")
                .artifactId("socialweave-features")
                .classifier("features")
                .type("xml")
                .version(System.getProperty("socialweave.version")),
            "socialweave"));
    // A stock Karaf resolves our features from Maven repositories: the build's own local
    // repository holds every artifact, and no remote one is asked (nothing reaches the internet).
    options.add(
        editConfigurationFilePut(
            "etc/org.ops4j.pax.url.mvn.cfg",
            "org.ops4j.pax.url.mvn.localRepository",
            System.getProperty("org.ops4j.pax.url.mvn.localRepository")));
    options.add(
        editConfigurationFilePut(
            "etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""));
    return options.toArray(new Option[0]);
  }

  @Test
  public void theSocialweaveFeatureRunsOnStockKaraf() {
    awaitReady();
    Credentials admin = login("admin", ADMIN_PASSWORD);
    Reply created =
        json("POST", "/api/v1/workspaces", admin, "{\"slug\":\"stock\",\"name\":\"Stock Karaf\"}");
    assertEquals(created.toString(), 201, created.status());
    assertTrue(getSettled("/api/v1/plugins", admin).body().contains("org.socialweave.core"));
  }
}
