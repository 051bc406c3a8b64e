package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request's {@code codes} field: only requests that use it change their JSON and id; bad input names it. */
class CodesRequestTest {
    private static RequestBuilder base() {
        return new RequestBuilder().audio("audio/0123abcd.wav", "a.wav").model("toy").prompt("a forest")
                .method(Method.TXT2IMG);
    }

    @Test
    void aRequestWithoutCodesHasNoCodesFieldAndKeepsItsId() {
        JobRequest plain = base().bends(List.of("add@40=rms")).build();
        assertFalse(plain.toJson().contains("codes"));
        JobRequest coded = base().bends(List.of("add@40=code(1)")).codes("pca( 8 )").build();
        assertTrue(coded.toJson().contains("\"codes\" : \"pca(8)\""), coded.toJson());
        assertEquals(coded.jobId(), JobRequest.fromJson(coded.toJson()).jobId());
        assertNotEquals(base().bends(List.of("add@40=code(1)")).codes("pca(9)").build().jobId(), coded.jobId());
        assertEquals("autoencoder(8,3)", base().codes("autoencoder(8,3)").build().codes());
    }

    @Test
    void theFieldIsSetFromAJobFileOrASubmission() throws Exception {
        RequestBuilder builder = base();
        RequestFields.apply(builder, "codes", new ObjectMapper().readTree("\"pca(4)\""));
        assertEquals("pca(4)", builder.bends(List.of("code-matrix@40=code(0..3),0,0")).build().codes());
    }

    @Test
    void badCodesAreRefusedNamingTheField() {
        InvalidRequestException missing = assertThrows(InvalidRequestException.class,
                () -> base().bends(List.of("add@40=code(1)")).build());
        assertEquals("codes", missing.field());
        assertTrue(missing.getMessage().contains("reads code(1)"), missing.getMessage());
        InvalidRequestException range = assertThrows(InvalidRequestException.class,
                () -> base().bends(List.of("add@40=code(8)")).codes("pca(8)").build());
        assertTrue(range.getMessage().contains("code index out of range"), range.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> base().codes("pca(41)"));
        assertTrue(wide.getMessage().contains("larger than the 40 mel bins"));
        InvalidRequestException unknown = assertThrows(InvalidRequestException.class,
                () -> RequestFields.apply(base(), "codes", new ObjectMapper().readTree("\"ica(4)\"")));
        assertEquals("codes", unknown.field());
        assertTrue(unknown.getMessage().contains("unknown encoder 'ica'"), unknown.getMessage());
    }

    /** encoder:NAME names a stored encoder; its pin is part of the id; a name that is no key segment is refused. */
    @Test
    void aStoredEncoderIsNamedAndItsPinMakesTheId() {
        String pin = "0".repeat(63) + "1";
        JobRequest named = base().bends(List.of("add@40=code(12)")).codes(" encoder:album-1 ").build();
        assertEquals("encoder:album-1", named.codes());
        JobRequest pinned = named.withCodes("encoder:album-1#" + pin);
        assertEquals(pinned.jobId(), JobRequest.fromJson(pinned.toJson()).jobId());
        assertNotEquals(named.jobId(), pinned.jobId());
        assertNotEquals(pinned.jobId(), named.withCodes("encoder:album-1#" + "0".repeat(63) + "2").jobId());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base().codes("encoder:a/../b")).getMessage()
                .startsWith("bad encoder name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base().codes("encoder:a#beef")).getMessage()
                .contains("64 lower-case hex digits"));
        InvalidRequestException space = assertThrows(InvalidRequestException.class,
                () -> RequestFields.apply(base(), "codes", new ObjectMapper().readTree("\"encoder:my album\"")));
        assertEquals("codes", space.field());
    }
}
