package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check musig.benchmark makes before it runs Track2Vec, with and without DL4J and the baselines. */
class Track2VecSupportTest {

    @Test
    void thePluginsClasspathHasEverythingTrack2VecNeeds() {
        assertThat(Track2VecSupport.absence()).isNull();
    }

    @Test
    void withoutDl4jTheReasonNamesWhatIsMissingAndWhatToDo() {
        assertThat(Track2VecSupport.absence(hiding("org.deeplearning4j.")))
                .contains("org.deeplearning4j.models.word2vec.Word2Vec")
                .contains("install the full plugin jar or leave 'track2vec' out of methods");
    }

    @Test
    void withoutTheBaselinesModuleTheReasonNamesTrack2Vec() {
        assertThat(Track2VecSupport.absence(hiding("org.musig.baselines."))).contains("org.musig.baselines.Track2Vec");
    }

    @Test
    void aClassMissingDuringTrainingIsNamedAsAClass() {
        assertThat(
                Track2VecSupport.absence(new NoClassDefFoundError("org/deeplearning4j/nn/conf/NeuralNetConfiguration")))
                .contains("lacks org.deeplearning4j.nn.conf.NeuralNetConfiguration");
    }

    /** This test's class loader, less the classes under {@code prefix}. */
    private static ClassLoader hiding(String prefix) {
        return new ClassLoader(Track2VecSupportTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(prefix)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
    }
}
