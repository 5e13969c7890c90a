package io.orderpipeline.order.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Strict JSON for the HTTP API only: unknown properties, duplicate keys, trailing tokens, floats for
 * integers, strings for numbers, numbers or booleans for strings and nulls for primitives are refused (400).
 * {@code ALLOW_COERCION_OF_SCALARS} does not cover textual targets, hence the coercion config for them.
 * Messages between services keep the lenient mapper, so a contract can gain fields without breaking older
 * consumers.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /**
     * Replaces the JSON converter in its place in the list, after every customizer ran. A converter bean would be
     * put ahead of all the defaults, before the byte-array converter, and would write springdoc's {@code byte[]}
     * document as a Base64 string.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer strictJsonForTheApi(JsonMapper jsonMapper) {
        JacksonJsonHttpMessageConverter strict = strictConverter(jsonMapper);
        return builder -> builder.configureMessageConvertersList(converters -> converters.replaceAll(converter ->
                converter.getClass() == JacksonJsonHttpMessageConverter.class ? strict : converter));
    }

    private static JacksonJsonHttpMessageConverter strictConverter(JsonMapper jsonMapper) {
        return new JacksonJsonHttpMessageConverter(jsonMapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build());
    }
}
