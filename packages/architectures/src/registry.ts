import { alexnetTorchvision } from './networks/alexnet-torchvision';
import { alexnet, alexnetOneTower, lenet5, vgg16 } from './networks/classic';
import { exercise2 } from './networks/exercise2';
import { googlenet } from './networks/googlenet';
import { inceptionV3 } from './networks/inception-v3';
import { mobilenet } from './networks/mobilenet';
import {
  resnet18,
  resnet34,
  resnet50,
  resnet50Keras,
  resnet101,
  resnet152,
  seresnet50,
} from './networks/resnet';
import { xception } from './networks/xception';
import type { Architecture } from './types';

/** Every named network, by the name `describe` and `buildArchitecture` take. A static registry: type-checked and tree-shakeable. */
export const ARCHITECTURES = {
  lenet5,
  alexnet,
  'alexnet-one-tower': alexnetOneTower,
  'alexnet-torchvision': alexnetTorchvision,
  vgg16,
  googlenet,
  'inception-v3': inceptionV3,
  resnet18,
  resnet34,
  resnet50,
  resnet101,
  resnet152,
  'resnet50-keras': resnet50Keras,
  seresnet50,
  xception,
  mobilenet,
  exercise2,
} as const satisfies Record<string, Architecture>;

/** The name of a network in the registry, e.g. `'resnet50'`. */
export type ArchitectureName = keyof typeof ARCHITECTURES;
/** Every registered network name, in registry order. */
export const ARCHITECTURE_NAMES = Object.keys(ARCHITECTURES) as ArchitectureName[];
