package org.netbend.render.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.onnx.ElementType;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.TensorSpec;
import org.netbend.render.text.ClipTokenizer;
import org.netbend.render.toy.onnx.OnnxIr;

class ToyModelGeneratorTest {

    @Test
    void theSameVersionWritesByteIdenticalFiles(@TempDir Path dir) throws Exception {
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT, dir.resolve("a"));
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT, dir.resolve("b"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("a"))) {
            files = walk.filter(Files::isRegularFile).map(dir.resolve("a")::relativize).sorted().toList();
        }
        assertEquals(11, files.size(), files.toString());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)),
                    f.toString());
        }
        long total = 0;
        for (Path f : files) {
            total += Files.size(dir.resolve("a").resolve(f));
        }
        assertTrue(total < 200_000, "the toy model is tiny: " + total + " bytes");
    }

    @Test
    void filesAreOnnxWithTheRealExportsNamesAndTypes(@TempDir Path dir) throws Exception {
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT, dir);
        OnnxIr.ModelProto unet = OnnxIr.ModelProto.parseFrom(Files.readAllBytes(dir.resolve("unet/model.onnx")));
        assertEquals(17, unet.getOpsetImport(0).getVersion());
        assertEquals(ToyModelGenerator.VERSION, unet.getProducerVersion());
        RuntimeOptions cpu = RuntimeOptions.cpu().withThreads(1);
        try (OnnxModel text = OnnxModel.open(dir.resolve("text_encoder/model.onnx"), "text_encoder", cpu);
             OnnxModel u = OnnxModel.open(dir.resolve("unet/model.onnx"), "unet", cpu);
             OnnxModel dec = OnnxModel.open(dir.resolve("vae_decoder/model.onnx"), "vae_decoder", cpu);
             OnnxModel enc = OnnxModel.open(dir.resolve("vae_encoder/model.onnx"), "vae_encoder", cpu)) {
            assertEquals(ElementType.INT32, text.input("input_ids").type());
            assertEquals(ElementType.FLOAT32, text.output("last_hidden_state").type());
            TensorSpec sample = u.input("sample");
            assertArrayEquals(new long[] {-1, 4, -1, -1}, sample.shape());
            assertEquals(ElementType.INT64, u.input("timestep").type());
            assertEquals(64, u.input("encoder_hidden_states").dim(2));
            assertEquals(ElementType.FLOAT32, u.output("out_sample").type());
            assertEquals(4, dec.input("latent_sample").dim(1));
            assertEquals(3, dec.output("sample").dim(1));
            assertEquals(3, enc.input("sample").dim(1));
            assertEquals(4, enc.output("latent_sample").dim(1));
        }
    }

    @Test
    void theVocabularyUsesClipIds(@TempDir Path dir) throws Exception {
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT, dir);
        ClipTokenizer tokenizer = ClipTokenizer.load(dir.resolve("tokenizer"), 77);
        assertEquals(49406, tokenizer.bosId());
        assertEquals(49407, tokenizer.eosId());
        assertEquals(49407, tokenizer.padId());
        assertEquals(List.of(320), tokenizer.tokenize("a"), "CLIP's id for a</w>");
        assertEquals(1, tokenizer.tokenize("landscape").size(), "a vocabulary word is one token");
        assertNotEquals(tokenizer.tokenize("cat"), tokenizer.tokenize("dog"));
    }

    @Test
    void theEncoderInvertsTheLatentToRgbMatrix() {
        double[][] inverse = ToyModelGenerator.pseudoInverse();
        for (int o = 0; o < 3; o++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int c = 0; c < 4; c++) {
                    sum += ToyModelGenerator.LATENT_RGB[c][o] * inverse[c][j];
                }
                assertEquals(o == j ? 1 : 0, sum, 1e-9, "M pinv(M) = I at " + o + "," + j);
            }
        }
    }
}
